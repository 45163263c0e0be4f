import type { NatsConnection, Subscription } from '@nats-io/transport-node';

/**
 * Core NATS (no stream: nothing to replay) notice from the replica that revoked a key to every gateway
 * replica, which closes the WebSocket connections that key opened. HTTP needs no notice: every request
 * looks its key up in Postgres.
 */
export const API_KEY_REVOKED_SUBJECT = 'access.api-key.revoked.v1';

export interface ApiKeyRevokedNotice {
  id: string;
  tenantId: string;
}

export function announceApiKeyRevoked(nats: NatsConnection, notice: ApiKeyRevokedNotice): void {
  nats.publish(API_KEY_REVOKED_SUBJECT, JSON.stringify(notice));
}

export function onApiKeyRevoked(nats: NatsConnection, listener: (notice: ApiKeyRevokedNotice) => void): Subscription {
  return nats.subscribe(API_KEY_REVOKED_SUBJECT, {
    callback: (error, message) => {
      if (error) return;
      try {
        const notice = message.json<Partial<ApiKeyRevokedNotice>>();
        if (typeof notice.id === 'string' && typeof notice.tenantId === 'string') listener({ id: notice.id, tenantId: notice.tenantId });
      } catch {
        // not a notice of ours; ignore
      }
    },
  });
}
