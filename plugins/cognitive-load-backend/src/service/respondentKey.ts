import { createHmac } from 'node:crypto';

/**
 * The trace of a respondent while a wave is open: HMAC-SHA256 of the wave,
 * the team and their user ref under the server's secret. It lets a person
 * find and change their own answers and stops them answering twice. It cannot
 * be reversed without the secret, and differs per wave and per team, so one
 * person's answers for two teams share nothing. When the wave closes the key
 * is replaced by a random one (`sealWave`): from then on not even someone
 * holding the secret and the database can tell whose answers a row holds.
 *
 * @public
 */
export function respondentKey(
  secret: string,
  waveId: string,
  teamRef: string,
  userRef: string,
) {
  return createHmac('sha256', secret)
    .update(
      `${waveId}\n${teamRef.toLocaleLowerCase(
        'en-US',
      )}\n${userRef.toLocaleLowerCase('en-US')}`,
    )
    .digest('hex');
}

/**
 * The key before keys were per team (wave and user only): still looked up,
 * and replaced on the next save, so answers given before the change are found.
 */
export function legacyRespondentKey(
  secret: string,
  waveId: string,
  userRef: string,
) {
  return createHmac('sha256', secret)
    .update(`${waveId}\n${userRef.toLocaleLowerCase('en-US')}`)
    .digest('hex');
}
