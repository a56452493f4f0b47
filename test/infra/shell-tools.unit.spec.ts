import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenCommand } from '../../infra/local/dev-key.js';
import { periodOf } from '../../infra/local/report-cli.js';
import { chooseServer, localServerUrl, usingLine } from '../../infra/local/server-url.js';
import { dataDirOf } from '../../infra/local/shell-tool.js';
import { fromWhereTheUserIs } from '../../infra/local/user-paths.js';

const root = join(import.meta.dirname, '..', '..');

describe('the shell tools find what the user started and typed', () => {
  it('find a server started with PORT and DATA_DIR through the URL it recorded in the data folder', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccl-url-'));
    expect(localServerUrl(dataDir, undefined, {})).toBe('http://127.0.0.1:3000');
    expect(localServerUrl(dataDir, undefined, { PORT: '3456' })).toBe('http://127.0.0.1:3456');
    writeFileSync(
      join(dataDir, 'engine.json'),
      JSON.stringify({ url: 'http://127.0.0.1:4567', pid: process.pid }),
    );
    expect(localServerUrl(dataDir, undefined, {})).toBe('http://127.0.0.1:4567');
    // PORT says which server: a record of another one in the data folder does not override it (issue 25).
    expect(chooseServer(dataDir, undefined, { PORT: '3101' })).toEqual({
      url: 'http://127.0.0.1:3101',
      from: 'PORT',
    });
    expect(usingLine(chooseServer(dataDir, undefined, {}))).toBe(
      `using http://127.0.0.1:4567 (from the server recorded in ${join(dataDir, 'engine.json')})`,
    );
    expect(localServerUrl(dataDir, undefined, { LEDGER_URL: 'http://other:1/' })).toBe('http://other:1');
    expect(localServerUrl(dataDir, 'http://given:2', {})).toBe('http://given:2');
    // A stopped server's record is not followed.
    writeFileSync(join(dataDir, 'engine.json'), JSON.stringify({ stopped: true }));
    expect(localServerUrl(dataDir, undefined, {})).toBe('http://127.0.0.1:3000');
  });

  it('print a token command that signs with the data folder the server uses', () => {
    expect(tokenCommand(resolve('.data'))).toBe('npm run -s token --');
    expect(tokenCommand('/tmp/ledger-data')).toBe('DATA_DIR="/tmp/ledger-data" npm run -s token --');
  });

  it('read a bare quarter or month as this year’s, and refuse what is not a period', () => {
    const today = new Date('2026-11-29T12:00:00');
    expect(periodOf('Q3', today)).toBe('2026-Q3');
    expect(periodOf('q1', today)).toBe('2026-Q1');
    expect(periodOf('7', today)).toBe('2026-07');
    expect(periodOf('2025-Q4', today)).toBe('2025-Q4');
    expect(periodOf('2026-09', today)).toBe('2026-09');
    expect(periodOf('2026', today)).toBe('2026');
    expect(periodOf('Q5', today)).toBeUndefined();
    expect(periodOf('pdf', today)).toBeUndefined();
  });

  it('refuse a report format they cannot make, in one line, before asking any server', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'infra/local/report-cli.ts', '--period', 'Q3', '--format', 'docx'],
      {
        encoding: 'utf8',
        env: { ...process.env, LEDGER_URL: 'http://127.0.0.1:9' },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('unknown format "docx": use text, json, html, csv or pdf');
  });

  it('write and read files relative to the folder the user ran npm from, not the project root', () => {
    expect(fromWhereTheUserIs('history.ndjson', { INIT_CWD: '/home/me/exports' })).toBe(
      '/home/me/exports/history.ndjson',
    );
    expect(fromWhereTheUserIs('/abs/h.ndjson', { INIT_CWD: '/home/me' })).toBe('/abs/h.ndjson');
    // DATA_DIR too; with none, the project's own .data/ wherever the command was typed.
    expect(dataDirOf({ DATA_DIR: 'mydata', INIT_CWD: '/home/me' })).toBe('/home/me/mydata');
    expect(dataDirOf({ INIT_CWD: '/home/me' })).toBe(join(root, '.data'));
  });

  it('keep what they write out of git: exports, reports, papers', () => {
    const written = [
      'history.ndjson',
      'exports/history-2026.ndjson',
      'report-2026-Q3-zh-CN.pdf',
      'report-2026-en.html',
    ];
    const check = spawnSync('git', ['check-ignore', '--no-index', ...written], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stdout.trim().split('\n').sort()).toEqual([...written].sort());
  });
});
