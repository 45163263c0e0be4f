import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const sasNotificationHighRisk = defineCheck({
  id: 'sas-notification-high-risk',
  title: 'Security Center notifications are on for all high-risk items',
  description: 'Fails when any listed notification project is missing from DescribeNoticeConfig or has Route 0 (no channel).',
  rationale: 'Detections nobody hears about do not stop attacks; every high-risk category needs a channel.',
  severity: 'MEDIUM',
  product: 'SAS',
  kind: 'securityCenter',
  free: true,
  standards: [standardRef.cis('8.5'), standardRef.mlps('8.1.4.4f'), standardRef.mlps('8.1.5.4f')],
  remediation: 'Security Center → Settings → Notification: enable email/SMS/DingTalk for each listed item.',
  apis: ['Sas:DescribeNoticeConfig'],
  reads: ['notices'],
  params: {
    projects: {
      type: 'string-list',
      default: ['sas_vulnerability', 'yundun_sas_vul_Emergency', 'sas_healthcheck', 'sas_suspicious', 'suspicious', 'remotelogin', 'webshell', 'bruteforcesuccess', 'yundun_sas_ak_leakage'],
      description: 'Notification projects that must have a route.',
    },
  },
  evaluate(asset, _ctx, params) {
    const routes = new Map(asset.configuration.notices.map((n) => [n.project, n.route]));
    const off = params.projects.filter((p) => (routes.get(p) ?? 0) === 0);
    if (off.length === 0) return verdict.pass(`All ${params.projects.length} high-risk notification items are routed`);
    return verdict.fail(`Notifications are off for ${off.join(', ')}`, { field: 'notices', projects: off.map((p) => ({ project: p, route: routes.get(p) ?? null })) });
  },
});
