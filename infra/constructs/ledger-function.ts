import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnResource, type Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The runtime the bundles are built for (Lambda's `nodejs22.x`). */
export const BUNDLE_TARGET = 'node22';
/** ESM bundles need a CommonJS `require` for the few dependencies that still call it. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __ccl_createRequire } from 'module'; const require = __ccl_createRequire(import.meta.url);";

/**
 * What the bundling below asks of esbuild, in esbuild's own terms: for the tools that bundle an entry
 * the same way to measure it (the bundle-contents test, the cold-start bench).
 */
export const lambdaEsbuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE_TARGET,
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
};

export interface LedgerFunctionProps {
  /** The function's name in `infra/functions.ts`: its `LEDGER_FUNCTION` variable, how the local runtime finds its bundle. */
  readonly name: string;
  /** Entry file relative to the repository root, e.g. `functions/http/commands.handler.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRetention: RetentionDays;
  /** Where asynchronous invocations (the schedules') go after Lambda's own retries fail. */
  readonly deadLetterQueue?: IQueue;
  /** Files copied next to the bundle (e.g. the docs page's assets), relative to the repository root. */
  readonly extraFiles?: readonly { readonly source: string; readonly target: string }[];
  /** More shell commands run after bundling, from the repository (`inputDir`) into the bundle folder. */
  readonly afterBundling?: (inputDir: string, outputDir: string) => string[];
  /**
   * Modules replaced in the bundle (esbuild `alias`): module → stand-in file relative to the repository
   * root. For code a dependency carries but the function never runs (fontkit's WOFF2 decoder).
   */
  readonly aliases?: Readonly<Record<string, string>>;
}

/**
 * Every function's defaults in one place: Node.js 22 on arm64, ESM bundles built by the local
 * esbuild (never Docker), source maps, X-Ray, JSON logs in the function's own log group, and a role
 * of its own that starts empty: no managed policy, only writing its log group, plus the grants the
 * stack gives it.
 */
export class LedgerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: LedgerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: its log group, and what the stack grants it`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(root, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      deadLetterQueue: props.deadLetterQueue,
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'community-culture-ledger',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        LEDGER_FUNCTION: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        minify: true,
        sourceMap: true,
        banner: ESM_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK too (CDK leaves it to the Lambda runtime by default): the SDK version that
        // runs on Lambda is then the pinned one the tests ran, not whatever the runtime carries.
        externalModules: [],
        esbuildArgs: {
          '--alias': Object.entries(props.aliases ?? {}).map(
            ([module, file]) => `${module}=${join(root, file)}`,
          ),
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            ...(props.extraFiles ?? []).flatMap(({ source, target }) => [
              `mkdir -p "${join(outputDir, dirname(target))}"`,
              `cp "${join(inputDir, source)}" "${join(outputDir, target)}"`,
            ]),
            ...(props.afterBundling?.(inputDir, outputDir) ?? []),
          ],
        },
      },
    });
    // CDK makes the function depend on its role and the role's policy; the role is already implied
    // by the function's GetAtt of it (cfn-lint W3005), so only the policy is named.
    (this.node.defaultChild as CfnResource).addOverride(
      'DependsOn',
      Lazy.list({
        produce: () => {
          const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as
            | CfnResource
            | undefined;
          return policy ? [Stack.of(this).getLogicalId(policy)] : [];
        },
      }),
    );
  }
}
