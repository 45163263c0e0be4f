import { gunzipSync, gzipSync } from 'node:zlib';

/** Header naming how an event's payload was compressed on the wire; absent means the protobuf bytes as they are. */
export const PAYLOAD_ENCODING_HEADER = 'Rampart-Payload-Encoding';

/**
 * Events above this size travel gzip-compressed. Account-wide assets of large tenants (a RAM account with a
 * credential report of every user, Security Center with every vulnerability) reach tens of MB of protobuf, beyond
 * NATS's max_payload; their JSON configuration compresses ~10×. Small events stay uncompressed: cheaper both ways.
 */
export const COMPRESS_ABOVE_BYTES = 256 * 1024;

/** The payload and extra header to publish for one event. */
export function encodeEventPayload(payload: Uint8Array): { payload: Uint8Array; header?: [string, string] } {
  if (payload.length <= COMPRESS_ABOVE_BYTES) return { payload };
  return { payload: gzipSync(payload, { level: 6 }), header: [PAYLOAD_ENCODING_HEADER, 'gzip'] };
}

/** The protobuf bytes of a received event, whichever way it travelled. */
export function decodeEventPayload(data: Uint8Array, encoding: string | undefined): Uint8Array {
  if (!encoding) return data;
  if (encoding === 'gzip') return gunzipSync(data);
  throw new Error(`Unknown ${PAYLOAD_ENCODING_HEADER}: ${encoding}`);
}
