import { createHmac } from 'node:crypto';

/**
 * The only trace of a respondent: HMAC-SHA256 of the wave id and their user
 * ref under the server's secret. It lets a person find and change their own
 * answers and stops them answering twice, but cannot be reversed, and differs
 * per wave, so responses cannot be linked across waves.
 *
 * @public
 */
export function respondentKey(secret: string, waveId: string, userRef: string) {
  return createHmac('sha256', secret)
    .update(`${waveId}\n${userRef.toLocaleLowerCase('en-US')}`)
    .digest('hex');
}
