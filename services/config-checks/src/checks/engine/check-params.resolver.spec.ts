import { catalogueItem } from '../testing/catalogue-item.lookup';
import { resolveCheckParams } from './check-params.resolver';
import { InvalidCheckParamsError } from './invalid-check-params.error';

const item = catalogueItem('ram-password-policy-min-length');

describe('check parameters', () => {
  it('uses the defaults when nothing is overridden', () => {
    expect(resolveCheckParams(item.params, item.defaultParams, undefined)).toEqual({ minLength: 14 });
  });

  it('merges valid overrides', () => {
    expect(resolveCheckParams(item.params, item.defaultParams, { minLength: 16 })).toEqual({ minLength: 16 });
  });

  it.each([
    [{ minLength: 4 }, 'params.minLength must be >= 8'],
    [{ minLength: 14.5 }, 'params.minLength must be an integer'],
    [{ minLength: '14' }, 'params.minLength must be an integer'],
    [{ maxLength: 20 }, 'params.maxLength is not a parameter'],
  ])('rejects %p with a BAD_USER_INPUT error naming the path', (overrides, message) => {
    const attempt = () => resolveCheckParams(item.params, item.defaultParams, overrides);
    expect(attempt).toThrow(InvalidCheckParamsError);
    expect(attempt).toThrow(message);
  });

  it('validates list items', () => {
    const ssh = catalogueItem('ecs-sg-open-ssh');
    expect(resolveCheckParams(ssh.params, ssh.defaultParams, { tcpPorts: [22, 2222] })).toMatchObject({ tcpPorts: [22, 2222] });
    expect(() => resolveCheckParams(ssh.params, ssh.defaultParams, { tcpPorts: [22, 70000] })).toThrow('params.tcpPorts[1] must be <= 65535');
  });
});
