import { parseCredentialReport, parseCsv } from './credential-report.parser';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('credential report parser', () => {
  it('parses RFC 4180 CSV: quotes, escaped quotes, CRLF, no final newline', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3')).toEqual([['a', 'b,c', 'd "e"'], ['1', '2', '3']]);
  });

  it('maps N/A, "-" and LOGIN_DISABLED to null and keeps only existing keys', () => {
    const report = parseCredentialReport(b64([
      'user,user_creation_time,user_last_logon,password_exist,password_active,password_last_changed,mfa_active,access_key_1_exist,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used,access_key_2_exist',
      '<root>,2019-01-01T00:00:00Z,-,TRUE,TRUE,N/A,false,false,N/A,N/A,N/A,false',
      'dev@x.onaliyun.com,2020-01-01T00:00:00Z,LOGIN_DISABLED,LOGIN_DISABLED,N/A,N/A,false,true,false,2020-01-02T00:00:00Z,N/A,false',
    ].join('\n')));
    expect(report).toEqual({
      root: { user: '<root>', userCreationTime: '2019-01-01T00:00:00Z', userLastLogon: null, passwordExist: true, passwordActive: true, passwordLastChanged: null, mfaActive: false, accessKeys: [] },
      users: [{
        user: 'dev@x.onaliyun.com', userCreationTime: '2020-01-01T00:00:00Z', userLastLogon: null, passwordExist: null, passwordActive: null, passwordLastChanged: null, mfaActive: false,
        accessKeys: [{ active: false, lastRotated: '2020-01-02T00:00:00Z', lastUsed: null }],
      }],
    });
  });

  it('says why content is not a report', () => {
    expect(parseCredentialReport('***')).toBe('Content is not base64');
    expect(parseCredentialReport(b64('name,age\nx,1'))).toBe('the decoded CSV has no "user" column');
  });
});
