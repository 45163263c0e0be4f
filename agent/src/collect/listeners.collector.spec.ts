import { parseProcNet } from './listeners.collector';

describe('listening sockets from /proc/net', () => {
  it('decodes IPv4 TCP listeners and skips established sockets', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 23456 1 0000000000000000 100 0 0 10 0',
      '   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0',
      '   2: 0F02000A:0016 0202000A:C350 01 00000000:00000000 02:000A1C1B 00000000     0        0 34567 4 0000000000000000 20 4 29 10 -1',
    ].join('\n');
    expect(parseProcNet(text, 'tcp')).toEqual([
      { address: '127.0.0.1', port: 6379, inode: '23456' },
      { address: '0.0.0.0', port: 22, inode: '12345' },
    ]);
  });

  it('decodes IPv6 addresses, loopback and v4-mapped', () => {
    const text = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000001000000:18EB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 1 1 0 100 0 0 10 0',
      '   1: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
      '   2: 0000000000000000FFFF00000100007F:0CEA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0',
      '   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNet(text, 'tcp6').map((s) => `${s.address} ${s.port}`)).toEqual(['::1 6379', ':: 22', '::ffff:127.0.0.1 3306', '2001:db8::1 80']);
  });

  it('takes bound UDP sockets', () => {
    const text = 'header\n   0: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 999 2 0 0\n';
    expect(parseProcNet(text, 'udp')).toEqual([{ address: '0.0.0.0', port: 68, inode: '999' }]);
  });
});
