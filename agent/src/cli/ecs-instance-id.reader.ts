/** Alibaba Cloud's instance metadata service, reachable from every ECS instance. */
const METADATA_URL = 'http://100.100.100.200/latest/meta-data/instance-id';

/** This host's ECS instance id from the metadata service, or undefined when it is not an ECS instance. */
export async function readEcsInstanceId(timeoutMs = 500): Promise<string | undefined> {
  try {
    const response = await fetch(METADATA_URL, { signal: AbortSignal.timeout(timeoutMs) });
    const id = response.ok ? (await response.text()).trim() : '';
    return /^i-[0-9a-z]{8,}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
