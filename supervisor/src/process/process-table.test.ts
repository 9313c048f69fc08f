// Parsing the process table from the JSON shapes PowerShell really writes, and walking a tree in it.
import { describe, expect, it } from 'vitest';
import { descendantsOf, parseCimDate, parseProcessTable, type WindowsProcessRow } from './process-table.ts';

// Windows PowerShell 5.1 writes a CIM DateTime as "\/Date(ms)\/"; ConvertTo-Json -Compress drops
// the padding, which 5.1 otherwise writes as two spaces after each colon.
const PS51_ARRAY = String.raw`[{"ProcessId":0,"ParentProcessId":0,"CreationDate":null},{"ProcessId":4,"ParentProcessId":0,"CreationDate":"\/Date(1790070000000)\/"},{"ProcessId":16828,"ParentProcessId":20256,"CreationDate":"\/Date(1790077571033)\/"}]`;
const PS51_SINGLE_PRETTY = String.raw`{
    "ProcessId":  16828,
    "ParentProcessId":  20256,
    "CreationDate":  "\/Date(1790077571033)\/"
}
`;
// PowerShell 7 writes ISO 8601 with the local offset and 100 ns digits.
const PS7_ARRAY = '[{"ProcessId":16828,"ParentProcessId":20256,"CreationDate":"2026-09-22T13:46:11.0330000+02:00"}]\r\n';

describe('parseCimDate', () => {
  it.each([
    ['\\/Date(ms)\\/ (PowerShell 5.1)', '/Date(1790077571033)/', '2026-09-22T11:46:11.033Z'],
    ['with an offset suffix', '/Date(1790077571033+0200)/', '2026-09-22T11:46:11.033Z'],
    ['Get-Date’s wrapper object', { value: '/Date(1720919582928)/', DisplayHint: 2, DateTime: 'Sunday 14 July 2024 02:13:02' }, '2024-07-14T01:13:02.928Z'],
    ['ISO 8601 (PowerShell 7), to the millisecond', '2026-09-22T12:26:11.0337777+02:00', '2026-09-22T10:26:11.033Z'],
    ['null (the idle process)', null, null],
    ['not a date', 'yesterday', null],
    ['a number', 1790077571033, null],
  ])('%s', (_name, value, expected) => {
    expect(parseCimDate(value)).toBe(expected);
  });
});

describe('parseProcessTable', () => {
  it('reads an array (several processes), as PowerShell 5.1 writes it', () => {
    expect(parseProcessTable(PS51_ARRAY)).toEqual([
      { pid: 0, parentPid: 0, createdAt: null },
      { pid: 4, parentPid: 0, createdAt: '2026-09-22T09:40:00.000Z' },
      { pid: 16828, parentPid: 20256, createdAt: '2026-09-22T11:46:11.033Z' },
    ]);
  });

  it('reads a single object (one process) and PowerShell 7’s dates, to the same value', () => {
    const row = { pid: 16828, parentPid: 20256, createdAt: '2026-09-22T11:46:11.033Z' };
    expect(parseProcessTable(PS51_SINGLE_PRETTY)).toEqual([row]);
    expect(parseProcessTable(PS7_ARRAY)).toEqual([row]);
  });

  it('reads nothing (no process matched), an error text, and rows that are not processes as nothing', () => {
    expect(parseProcessTable('')).toEqual([]);
    expect(parseProcessTable('\r\n')).toEqual([]);
    expect(parseProcessTable("Get-CimInstance : Access denied\r\n")).toEqual([]);
    expect(parseProcessTable('[{"ProcessId":"x"},{"Name":"a"},{"ProcessId":7,"ParentProcessId":null,"CreationDate":null}]')).toEqual([{ pid: 7, parentPid: null, createdAt: null }]);
  });
});

describe('descendantsOf', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 8, 22, 10, 0, seconds)).toISOString();
  const ms = (seconds: number) => Date.parse(at(seconds));
  const row = (pid: number, parentPid: number, seconds: number | null): WindowsProcessRow => ({ pid, parentPid, createdAt: seconds === null ? null : at(seconds) });
  // The leader 100 lived from 10 s to 50 s.
  const table = [
    row(100, 1, 10),
    row(200, 100, 11), // its child
    row(300, 200, 12), // its grandchild
    row(301, 200, 60), // a grandchild made after the leader died (its parent lives on)
    row(400, 100, 5), // has pid 100 as parent, but was made before the leader: an older holder's child
    row(500, 100, 70), // made after the leader died: a later holder of pid 100
    row(600, 300, 11), // parent pid 300, made before 300 itself: pid 300 was reused
    row(700, 100, null), // no creation time: cannot be proven ours
  ];

  it('follows children made while the leader lived, then theirs made after their parent', () => {
    expect(descendantsOf(table, 100, { notBeforeMs: ms(10), notAfterMs: ms(50) })).toEqual([200, 300, 301]);
  });

  it('without an end, only the start bounds the leader’s children', () => {
    expect(descendantsOf(table, 100, { notBeforeMs: ms(10), notAfterMs: null })).toEqual([200, 500, 300, 301]);
  });

  it('finds nothing for a leader without children, and survives a parent loop', () => {
    expect(descendantsOf(table, 999, { notBeforeMs: 0, notAfterMs: null })).toEqual([]);
    expect(descendantsOf([row(1, 2, 10), row(2, 1, 10)], 1, { notBeforeMs: 0, notAfterMs: null })).toEqual([2]);
  });
});
