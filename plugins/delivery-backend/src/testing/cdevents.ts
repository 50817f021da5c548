/** A CDEvent (spec v0.4) in a CloudEvents 1.0 structured-mode envelope. */
export function cdevent(
  type: string,
  id: string,
  timestamp: string,
  subject: object,
  customData?: object,
) {
  const full = `dev.cdevents.${type}`;
  return {
    specversion: '1.0',
    id,
    source: '/ci/pipelines/checkout',
    type: full,
    time: timestamp,
    datacontenttype: 'application/json',
    data: {
      context: {
        version: '0.4.1',
        id,
        source: '/ci/pipelines/checkout',
        type: full,
        timestamp,
      },
      subject,
      ...(customData ? { customData } : {}),
    },
  };
}
