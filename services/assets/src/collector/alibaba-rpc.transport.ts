import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { overrideFor, withRetries, type AlibabaCredentials, type CallOutcome, type RetryPolicy } from './call-outcome';

/** One RPC product: API version and how its endpoint is named. */
export interface RpcProduct {
  product: string;
  version: string;
  endpoint: (region: string | null) => string;
}

export const RPC_PRODUCTS: Record<string, RpcProduct> = {
  Sts: { product: 'Sts', version: '2015-04-01', endpoint: () => 'sts.aliyuncs.com' },
  Ram: { product: 'Ram', version: '2015-05-01', endpoint: () => 'ram.aliyuncs.com' },
  Ims: { product: 'Ims', version: '2019-08-15', endpoint: () => 'ims.aliyuncs.com' },
  Ecs: { product: 'Ecs', version: '2014-05-26', endpoint: (region) => `ecs.${region}.aliyuncs.com` },
  Vpc: { product: 'Vpc', version: '2016-04-28', endpoint: (region) => `vpc.${region}.aliyuncs.com` },
  Slb: { product: 'Slb', version: '2014-05-15', endpoint: (region) => `slb.${region}.aliyuncs.com` },
  Rds: { product: 'Rds', version: '2014-08-15', endpoint: () => 'rds.aliyuncs.com' },
  'R-kvstore': { product: 'R-kvstore', version: '2015-01-01', endpoint: () => 'r-kvstore.aliyuncs.com' },
  Actiontrail: { product: 'Actiontrail', version: '2020-07-06', endpoint: (region) => `actiontrail.${region}.aliyuncs.com` },
  Kms: { product: 'Kms', version: '2016-01-20', endpoint: (region) => `kms.${region}.aliyuncs.com` },
  Sas: { product: 'Sas', version: '2018-12-03', endpoint: (region) => `tds.${region}.aliyuncs.com` },
};

/**
 * Calls Alibaba RPC APIs through the official generic client (`@alicloud/openapi-client` `callApi`, which signs
 * ACS3-HMAC-SHA256 — the same path every product SDK of this version takes), with an overridable endpoint and
 * exponential backoff on throttling; API errors come back as `{ error: { code, message } }`, never thrown.
 */
export class AlibabaRpcTransport {
  private readonly clients = new Map<string, OpenApi>();

  constructor(
    private readonly credentials: AlibabaCredentials,
    private readonly endpointOverride: Record<string, string> | undefined,
    private readonly retry: RetryPolicy,
  ) {}

  async call(product: string, action: string, region: string | null, params: Record<string, unknown>): Promise<CallOutcome> {
    const meta = RPC_PRODUCTS[product];
    if (!meta) return { error: { code: 'UnsupportedProduct', message: `No RPC client for ${product}` } };
    const query: Record<string, unknown> = region === null ? { ...params } : { ...params, RegionId: region };
    const request = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) });
    const apiParams = new $OpenApi.Params({
      action, version: meta.version, protocol: 'HTTPS', pathname: '/', method: 'POST',
      authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    });
    const runtime = new RuntimeOptions({ autoretry: false, readTimeout: 30_000, connectTimeout: 10_000 });
    const client = this.client(meta, region);
    return withRetries(this.retry, async () => ((await client.callApi(apiParams, request, runtime)) as { body: Record<string, unknown> }).body);
  }

  private client(meta: RpcProduct, region: string | null): OpenApi {
    const key = `${meta.product}:${region ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      const url = overrideFor(this.endpointOverride, meta.product);
      client = new OpenApi(
        new $OpenApi.Config({
          accessKeyId: this.credentials.accessKeyId,
          accessKeySecret: this.credentials.accessKeySecret,
          securityToken: this.credentials.securityToken,
          endpoint: url ? url.host : meta.endpoint(region),
          protocol: url ? url.protocol.replace(':', '') : 'https',
          regionId: region ?? 'cn-hangzhou',
        }),
      );
      this.clients.set(key, client);
    }
    return client;
  }
}
