import type { AckClusterConfiguration } from '@rampart/asset-model';
import { HZ, assetOf, failed, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';

const cluster = (extra: Record<string, unknown> = {}): unknown => ({ clusters: [{ cluster_id: 'c1', name: 'k', cluster_type: 'ManagedKubernetes', state: 'running', ...extra }] });
const ack = (result: ReturnType<typeof normalise>) => assetOf<AckClusterConfiguration>(result, idOf('cs', HZ, 'cluster', 'c1'));

describe('ACK normaliser', () => {
  it('uses the JSON strings of the list item when the detail was not recorded', () => {
    const result = normalise([ok('Cs', 'DescribeClustersV1', cluster({
      meta_data: JSON.stringify({ Addons: [{ name: 'flannel', config: '', disabled: false }], AuditProjectName: '' }),
      master_url: JSON.stringify({ api_server_endpoint: '', intranet_api_server_endpoint: 'https://192.168.0.1:6443' }),
    }))]);
    expect(ack(result).configuration).toMatchObject({
      networkPlugin: 'flannel', networkPolicyEnabled: false, apiServerPublic: false, apiServerEndpoint: null, auditProjectName: null, logServiceEnabled: false, dashboardEnabled: false,
    });
    expect(ack(result).unknown).toEqual([]);
  });

  it('marks the decoded fields unknown when the detail failed and the list carries no JSON strings', () => {
    const result = normalise([ok('Cs', 'DescribeClustersV1', cluster()), failed('Cs', 'DescribeClusterDetail', 'ErrorClusterNotFound', { ClusterId: 'c1' })]);
    expect(ack(result).unknown).toEqual([
      { fields: ['apiServerEndpoint', 'apiServerPublic', 'dashboardEnabled'], source: 'Cs:DescribeClusterDetail', error: { code: 'ErrorClusterNotFound', message: expect.any(String) } },
    ].map((u) => ({ ...u, fields: [...u.fields, 'addons', 'auditProjectName', 'networkPlugin', 'networkPolicyEnabled', 'logServiceEnabled'] })));
  });

  it('refuses a meta_data string that is not JSON', () => {
    expect(() => normalise([ok('Cs', 'DescribeClustersV1', cluster({ meta_data: '{Addons:' }))]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[0].response.clusters[0].meta_data', reason: 'expected a JSON object encoded as a string' } }));
  });
});
