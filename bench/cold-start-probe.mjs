// One fresh process: import a bundle, invoke its handler once, print the two durations as JSON.
const [, , bundle, eventJson] = process.argv;
const started = performance.now();
const entry = await import(bundle);
const imported = performance.now();
const answer = await entry.handler(JSON.parse(eventJson), { awsRequestId: 'bench', functionName: 'bench' });
const invoked = performance.now();
const failed = answer && (answer.statusCode >= 500 || answer.batchItemFailures?.length > 0);
process.stdout.write(
  JSON.stringify({
    importMs: imported - started,
    firstInvokeMs: invoked - imported,
    failed: Boolean(failed),
  }),
);
// Keep-alive sockets of the SDK would hold the process open.
process.exit(0);
