import { $OpenApiUtil } from '@alicloud/openapi-core';
import SlsClient, * as $Sls from '@alicloud/sls20201230';
import { sdkEndpoint, withRetries, type AlibabaCredentials, type CallOutcome, type RetryPolicy } from './call-outcome';
import { RawBodyCapture } from './raw-body.capture';

export const SLS_VERSION = '2020-12-30';
type Body = Record<string, unknown>;

const capture = new RawBodyCapture();

class RawSlsClient extends SlsClient {
  override async execute(...args: Parameters<SlsClient['execute']>): ReturnType<SlsClient['execute']> {
    const result = await super.execute(...args);
    capture.keep(result);
    return result;
  }
}

const page = (params: Body) => ({ offset: Number(params.offset ?? 0), size: Number(params.size ?? 100) });

const ACTIONS: Record<string, (client: SlsClient, params: Body) => Promise<unknown>> = {
  ListProject: (client, params) => client.listProject(new $Sls.ListProjectRequest(page(params))),
  ListLogStores: (client, params) => client.listLogStores(String(params.project), new $Sls.ListLogStoresRequest(page(params))),
  GetLogStore: (client, params) => client.getLogStore(String(params.project), String(params.logstore)),
  ListAlerts: (client, params) => client.listAlerts(String(params.project), new $Sls.ListAlertsRequest(page(params))),
};

/**
 * Simple Log Service through its official SDK `@alicloud/sls20201230`, signed by `@alicloud/gateway-sls` with the V4
 * signature (`SLS4-HMAC-SHA256`, scoped to the region; the project is addressed as a sub-domain of the regional
 * endpoint), with the raw JSON bodies recorded.
 */
export class SlsTransport {
  private readonly clients = new Map<string, SlsClient>();

  constructor(
    private readonly credentials: AlibabaCredentials,
    private readonly endpointOverride: Record<string, string> | undefined,
    private readonly retry: RetryPolicy,
  ) {}

  async call(action: string, region: string, params: Body): Promise<CallOutcome> {
    const run = ACTIONS[action];
    if (!run) return { error: { code: 'UnsupportedAction', message: `The Sls client does not call ${action}` } };
    const client = this.client(region);
    return withRetries(this.retry, async () => (await capture.run(() => run(client, params))) as Body);
  }

  private client(region: string): SlsClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new RawSlsClient(
        new $OpenApiUtil.Config({
          ...sdkEndpoint(this.credentials, this.endpointOverride, 'sls', `${region}.log.aliyuncs.com`, region),
          signatureVersion: 'v4',
        }),
      );
      this.clients.set(region, client);
    }
    return client;
  }
}
