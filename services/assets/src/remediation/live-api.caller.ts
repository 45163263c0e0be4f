import type { AlibabaTransports } from '../collector/alibaba-transports';
import type { ApiCaller } from './remediation.executor';

/** Sends each plan call to its product's SDK client: OSS through `ali-oss`, the RPC products through the OpenAPI client. */
export function liveApiCaller(transports: Pick<AlibabaTransports, 'rpc' | 'oss'>): ApiCaller {
  return {
    call: (product, action, region, params) =>
      product === 'Oss' ? transports.oss.call(action, region, params) : transports.rpc.call(product, action, region, params),
  };
}
