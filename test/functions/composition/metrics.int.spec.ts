import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE } from '../../../functions/composition/observability.js';
import { startApi, type TestApi } from '../../support/api.js';
import { ManualClock } from '../../support/clock.js';

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
  [metric: string]: unknown;
}

/**
 * On AWS each function's business metrics leave as EMF lines on stdout, which CloudWatch turns into
 * metrics (no PutMetricData call, nothing to grant). The handlers as the stack deploys them, with
 * metrics on as in Lambda, print them for commands, queries, the projector, the printer and the
 * scheduled workers.
 */
describe('business metrics as EMF in the handlers’ output', () => {
  const lines: EmfLine[] = [];
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  let api: TestApi;
  const write = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of text.split('\n'))
        if (line.includes('"CloudWatchMetrics"')) lines.push(JSON.parse(line) as EmfLine);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    api = await startApi({ clock });
  });
  afterAll(async () => {
    process.stdout.write = write;
    await api?.close();
  });

  /** The metrics with this name in the namespace, with their values. */
  const seen = (name: string) =>
    lines
      .filter((l) =>
        l._aws.CloudWatchMetrics.some(
          (d) => d.Namespace === METRICS_NAMESPACE && d.Metrics.some((m) => m.Name === name),
        ),
      )
      .map((l) => l[name]);

  it('counts commands answered and refused, queries, projection lag, and the scheduled workers', async () => {
    const admin = await api.token('admin');
    const plan = await api.call('POST', '/plans', {
      token: admin,
      body: { communityName: 'Venus', year: 2026, title: 'Plan' },
    });
    expect(plan.status).toBe(201);
    const created = await api.call('POST', '/residents', {
      token: admin,
      body: { name: 'Gao Min', householdId: 'H1' },
    });
    expect(created.status).toBe(201);
    const refused = await api.call('POST', '/residents', { token: admin, body: { name: '' } });
    expect(refused.status).toBe(400);
    expect((await api.call('GET', '/residents', { token: admin })).status).toBe(200);
    await api.runtime.dispatcher.idle();
    clock.set('2026-03-03T00:10:00Z');
    await api.runtime.dailyDigests({ time: '2026-03-03T00:05:00Z' });

    expect(seen('CommandsAnswered')).toContain(1);
    expect(seen('CommandsRefused')).toContain(1);
    expect(seen('QueriesAnswered').length).toBeGreaterThan(0);
    expect(seen('ProjectionCommits').length).toBeGreaterThan(0);
    // On the runtime's clock: a commit is projected within moments of being recorded.
    expect(seen('ProjectionLag').every((lag) => typeof lag === 'number' && lag >= 0 && lag < 60_000)).toBe(
      true,
    );
    expect(seen('PagePaged')).toContain(1);
    expect(seen('DigestWritten')).toContain(1);
  });
});
