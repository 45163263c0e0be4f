import Ajv from 'ajv';
import { buildOcsfEventSchema } from '../testing/ocsf-schema.builder';
import { referencePath } from '../testing/reference-path.resolver';
import { exportFixture } from '../testing/export-input.fixtures';
import { toOcsf } from './ocsf-compliance-finding.exporter';

const schema = buildOcsfEventSchema({ root: referencePath('schemas/ocsf-1.8.0'), className: 'compliance_finding', profiles: ['cloud'] });
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('OCSF 1.8.0 Compliance Finding export', () => {
  const events = toOcsf(exportFixture());

  it('emits one class 2003 event per result, each valid against the schema built from the OCSF definitions', () => {
    expect(events.length).toBe(exportFixture().results.length);
    for (const event of events) {
      const ok = validate(event);
      if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
      expect(event).toMatchObject({ class_uid: 2003, category_uid: 2, type_uid: 200301 });
    }
  });

  it('maps FAIL, PASS, ERROR and NOT_APPLICABLE to compliance.status_id 3, 1, 2 and 99', () => {
    const byStatus = new Map(events.map((e) => [e.status_code, e.compliance]));
    expect(byStatus.get('FAIL')).toMatchObject({ status_id: 3, status: 'Fail' });
    expect(byStatus.get('PASS')).toMatchObject({ status_id: 1, status: 'Pass' });
    expect(byStatus.get('ERROR')).toMatchObject({ status_id: 2, status: 'Warning' });
    expect(byStatus.get('NOT_APPLICABLE')).toMatchObject({ status_id: 99 });
  });

  it('marks whitelisted results as suppressed findings', () => {
    expect(events.find((e) => e.status_code === 'WHITELISTED')).toMatchObject({ status_id: 3, status: 'Suppressed' });
  });

  it('carries the standards, the resource, the account and the evidence', () => {
    const ssh = events.find((e) => e.metadata !== null && typeof e.metadata === 'object' && 'event_code' in e.metadata && e.metadata.event_code === 'ecs-sg-open-ssh');
    expect(ssh).toMatchObject({
      severity_id: 4,
      compliance: { standards: ['CIS Alibaba Cloud Foundations Benchmark v2.0.0', 'GB/T 22239-2019 (MLPS 2.0) Level 3'], requirements: expect.arrayContaining(['CIS Alibaba Cloud Foundations Benchmark v2.0.0 4.3']) },
      resources: [{ uid: expect.stringContaining('securitygroup/sg-1'), type: 'ALIYUN::ECS::SecurityGroup', region: 'cn-hangzhou' }],
      cloud: { provider: 'Alibaba Cloud', account: { uid: '1234567890123456' } },
      evidences: [{ data: { exposures: [{ port: 22 }] } }],
    });
  });

  it('rejects an event missing a required attribute or with a wrong class (the validator is not vacuous)', () => {
    const [first] = events;
    const { compliance: _dropped, ...withoutCompliance } = first;
    expect(validate(withoutCompliance)).toBe(false);
    expect(validate({ ...first, class_uid: 2004 })).toBe(false);
    expect(validate({ ...first, severity_id: 42 })).toBe(false);
    expect(validate({ ...first, invented_attribute: 1 })).toBe(false);
    expect(validate({ ...first, time: '2026-11-28' })).toBe(false);
  });
});
