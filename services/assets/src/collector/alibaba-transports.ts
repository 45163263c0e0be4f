import { AlibabaRpcTransport } from './alibaba-rpc.transport';
import type { AlibabaCredentials, RetryPolicy } from './call-outcome';
import { CsTransport } from './cs.transport';
import { OssTransport } from './oss.transport';
import { SlsTransport } from './sls.transport';

/** The official SDK clients one sync calls through, all with the same credentials, endpoint override and retries. */
export interface AlibabaTransports {
  rpc: AlibabaRpcTransport;
  cs: CsTransport;
  sls: SlsTransport;
  oss: OssTransport;
}

export function createAlibabaTransports(
  credentials: AlibabaCredentials, endpointOverride: Record<string, string> | undefined, retry: RetryPolicy, homeRegion: string,
): AlibabaTransports {
  return {
    rpc: new AlibabaRpcTransport(credentials, endpointOverride, retry),
    cs: new CsTransport(credentials, endpointOverride, retry),
    sls: new SlsTransport(credentials, endpointOverride, retry),
    oss: new OssTransport(credentials, endpointOverride, retry, homeRegion),
  };
}
