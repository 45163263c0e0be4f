import type { UnknownData } from '@rampart/asset-model';
import { defineCheck } from '../../engine/define-check.factory';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import type { CheckItem, Severity, StandardRef } from '../../model/check-item.definition';
import { alertQueryMatches } from './alert-query.matcher';

export interface SlsAlertCheckOptions {
  readonly id: string;
  /** What the alert watches, e.g. "RAM policy changes". */
  readonly subject: string;
  readonly severity: Severity;
  readonly standards: readonly StandardRef[];
  readonly allOf: readonly string[];
  readonly anyOf: readonly string[];
  readonly rationale: string;
}

/** "<region>" of "acs:log:<region>:<uid>:project/<name>", or null. */
export function slsArnRegion(arn: string): string | null {
  const parts = arn.split(':');
  return parts.length >= 5 && parts[0] === 'acs' && parts[1] === 'log' && parts[2] !== '' ? parts[2] : null;
}

/**
 * CIS 2.10-2.22 shape: an enabled trail delivers to SLS, and an enabled SLS alert in the region of that SLS project has a
 * query naming the events. PASS is proven by a matching alert; FAIL needs every alert list of the searched projects to
 * be known, otherwise ERROR.
 */
export function defineSlsAlertCheck(o: SlsAlertCheckOptions): CheckItem {
  return defineCheck({
    id: o.id,
    title: `Log monitoring and an alert are set up for ${o.subject}`,
    description:
      `Passes when an enabled ActionTrail trail delivers to SLS and an enabled SLS alert in the same region has a query naming ` +
      `${o.allOf.length ? `all of ${o.allOf.join(', ')}` : ''}${o.allOf.length && o.anyOf.length ? ' and ' : ''}` +
      `${o.anyOf.length ? `one of ${o.anyOf.join(', ')}` : ''} (whole words; a trailing * matches a prefix). Evaluated once per account.`,
    rationale: o.rationale,
    severity: o.severity,
    product: 'SLS',
    kind: 'account',
    free: false,
    standards: o.standards,
    remediation:
      `Deliver ActionTrail to SLS, then create an alert in that project on the actiontrail logstore with a query covering ${o.subject} ` +
      'and route it to an on-call channel (CIS Alibaba v2.0.0 gives the query text).',
    apis: ['Actiontrail:DescribeTrails', 'Sls:ListProject', 'Sls:ListAlerts'],
    accountApis: ['Actiontrail:DescribeTrails', 'Sls:ListProject'],
    reads: [],
    params: {
      allOf: { type: 'string-list', default: o.allOf, description: 'Terms the alert query must all contain.' },
      anyOf: { type: 'string-list', default: o.anyOf, description: 'Terms of which the alert query must contain at least one (empty: no requirement).' },
    },
    evaluate(asset, ctx, params) {
      const trails = ctx.ofKind('trail', asset.accountId).filter((t) => t.configuration.status === 'Enable' && !!t.configuration.slsProjectArn);
      if (trails.length === 0) return verdict.fail('No enabled trail delivers to SLS', { field: 'trails.slsProjectArn', trailsToSls: [] });
      const regions = new Set(trails.map((t) => slsArnRegion(t.configuration.slsProjectArn ?? '')));
      const anyRegion = regions.has(null);
      const projects = ctx.ofKind('slsProject', asset.accountId).filter((p) => anyRegion || regions.has(p.region));
      let unknown: { data: UnknownData; assetId: string } | null = null;
      for (const project of projects) {
        const missing = findUnknown(project, ['alerts']);
        if (missing !== null) {
          unknown ??= { data: missing, assetId: project.id };
          continue;
        }
        for (const alert of project.configuration.alerts) {
          if (alert.enabled && alertQueryMatches(alert.queries.join('\n'), params.allOf, params.anyOf)) {
            return verdict.pass(`Alert ${alert.name} in project ${project.configuration.projectName} covers ${o.subject}`, {
              project: project.configuration.projectName, alert: alert.name,
            });
          }
        }
      }
      if (unknown !== null) return verdict.unknown(unknown.data, unknown.assetId);
      return verdict.fail(`No enabled SLS alert covers ${o.subject}`, {
        trailsToSls: trails.map((t) => t.configuration.slsProjectArn ?? ''),
        projectsSearched: projects.map((p) => p.configuration.projectName),
        required: { allOf: [...params.allOf], anyOf: [...params.anyOf] },
      });
    },
  });
}
