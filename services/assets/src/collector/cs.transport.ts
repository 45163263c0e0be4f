import CsClient, * as $Cs from '@alicloud/cs20151215';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { sdkEndpoint, withRetries, type AlibabaCredentials, type CallOutcome, type RetryPolicy } from './call-outcome';
import { RawBodyCapture } from './raw-body.capture';

export const CS_VERSION = '2015-12-15';
type Body = Record<string, unknown>;

const capture = new RawBodyCapture();

class RawCsClient extends CsClient {
  override async callApi(...args: Parameters<CsClient['callApi']>): ReturnType<CsClient['callApi']> {
    const result = await super.callApi(...args);
    capture.keep(result);
    return result;
  }
}

const ACTIONS: Record<string, (client: CsClient, region: string, params: Body) => Promise<unknown>> = {
  DescribeClustersV1: (client, region, params) =>
    client.describeClustersV1(new $Cs.DescribeClustersV1Request({ pageNumber: params.page_number, pageSize: params.page_size, regionId: region })),
  DescribeClusterDetail: (client, _region, params) => client.describeClusterDetail(String(params.ClusterId)),
};

/**
 * Container Service (ACK) through its official SDK `@alicloud/cs20151215`: ROA calls signed ACS3-HMAC-SHA256 by
 * `@alicloud/openapi-core`, one client per region, with the raw JSON bodies recorded.
 */
export class CsTransport {
  private readonly clients = new Map<string, CsClient>();

  constructor(
    private readonly credentials: AlibabaCredentials,
    private readonly endpointOverride: Record<string, string> | undefined,
    private readonly retry: RetryPolicy,
  ) {}

  async call(action: string, region: string, params: Body): Promise<CallOutcome> {
    const run = ACTIONS[action];
    if (!run) return { error: { code: 'UnsupportedAction', message: `The Cs client does not call ${action}` } };
    const client = this.client(region);
    return withRetries(this.retry, async () => (await capture.run(() => run(client, region, params))) as Body);
  }

  private client(region: string): CsClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new RawCsClient(
        new $OpenApiUtil.Config({
          ...sdkEndpoint(this.credentials, this.endpointOverride, 'cs', `cs.${region}.aliyuncs.com`, region),
        }),
      );
      this.clients.set(region, client);
    }
    return client;
  }
}
