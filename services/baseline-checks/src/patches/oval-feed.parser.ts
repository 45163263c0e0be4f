import { XMLParser } from 'fast-xml-parser';
import { VulnerabilityFeedInvalidError } from './osv-feed.parser';
import type { VulnerabilityAdvisory } from './vulnerability-advisory';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : []);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : isNode(v) && typeof v['#text'] === 'string' ? v['#text'] : isNode(v) && typeof v['#text'] === 'number' ? String(v['#text']) : null);

/**
 * Debian OVAL definitions (oval-definitions-<codename>.xml) → advisories: each `dpkginfo_test` whose state is
 * `evr less than X` on a package object says that source package is affected below X.
 */
export function parseDebianOval(xml: string): VulnerabilityAdvisory[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false });
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (error) {
    throw new VulnerabilityFeedInvalidError('feed', `not XML (${(error as Error).message})`);
  }
  const root = document.oval_definitions;
  if (!isNode(root)) throw new VulnerabilityFeedInvalidError('feed', 'no oval_definitions element');
  const objects = new Map<string, string>();
  for (const object of list(isNode(root.objects) ? root.objects.dpkginfo_object : undefined)) {
    const name = text(object.name);
    if (typeof object['@_id'] === 'string' && name !== null) objects.set(object['@_id'], name);
  }
  const states = new Map<string, { operation: string; evr: string }>();
  for (const state of list(isNode(root.states) ? root.states.dpkginfo_state : undefined)) {
    const evr = state.evr;
    const value = text(evr);
    if (typeof state['@_id'] === 'string' && value !== null && isNode(evr)) states.set(state['@_id'], { operation: String(evr['@_operation'] ?? 'equals'), evr: value });
  }
  const tests = new Map<string, { pkg: string; fixed: string }>();
  for (const test of list(isNode(root.tests) ? root.tests.dpkginfo_test : undefined)) {
    const objectRef = isNode(test.object) ? test.object['@_object_ref'] : undefined;
    const stateRef = isNode(test.state) ? test.state['@_state_ref'] : undefined;
    const pkg = typeof objectRef === 'string' ? objects.get(objectRef) : undefined;
    const state = typeof stateRef === 'string' ? states.get(stateRef) : undefined;
    if (pkg === undefined || state === undefined || state.operation !== 'less than' || typeof test['@_id'] !== 'string') continue;
    tests.set(test['@_id'], { pkg, fixed: state.evr.replace(/^0:/, '') });
  }
  const advisories: VulnerabilityAdvisory[] = [];
  const definitions = list(isNode(root.definitions) ? root.definitions.definition : undefined);
  for (const definition of definitions) {
    const metadata = isNode(definition.metadata) ? definition.metadata : {};
    const title = text(metadata.title) ?? String(definition['@_id'] ?? 'unknown');
    const references = list(metadata.reference).map((r) => r['@_ref_id']).filter((r): r is string => typeof r === 'string');
    const id = references.find((r) => /^(CVE|DSA|DLA)-/.test(r)) ?? title.split(/\s+/)[0];
    const found = new Map<string, string>();
    const walk = (criteria: Node): void => {
      for (const criterion of list(criteria.criterion)) {
        const ref = criterion['@_test_ref'];
        const test = typeof ref === 'string' ? tests.get(ref) : undefined;
        if (test !== undefined && !found.has(test.pkg)) found.set(test.pkg, test.fixed);
      }
      for (const nested of list(criteria.criteria)) walk(nested);
    };
    for (const criteria of list(definition.criteria)) walk(criteria);
    for (const [pkg, fixed] of found) {
      if (fixed === '0' || fixed === '0:0') continue;
      advisories.push({
        id,
        aliases: [...new Set(references.filter((r) => r !== id))],
        feed: 'oval',
        sourcePackage: pkg,
        ranges: [{ introduced: null, fixed }],
        versions: [],
        severity: text(isNode(metadata.debian) ? metadata.debian.severity : undefined),
        summary: title,
        published: text(isNode(metadata.debian) ? metadata.debian.date : undefined),
      });
    }
  }
  return advisories;
}
