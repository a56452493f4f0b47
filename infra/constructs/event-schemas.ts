import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import * as z from 'zod';
import { busDetailSchema } from '../../events/asyncapi.js';
import { versionsOf } from '../../events/define.js';
import { eventRegistry } from '../../events/registry.js';
import { BUS_SOURCE } from '../../functions/app/event-bus.js';

/**
 * The whole EventBridge event carrying one version of one event type, in JSON Schema Draft 4 (the
 * registry's `JSONSchemaDraft4`): what AWS's code bindings are generated from.
 */
export function busEventSchema(type: string, version: number, payload: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...data } = z.toJSONSchema(payload, { target: 'draft-4', io: 'output' });
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: `${type} v${version}`,
    type: 'object',
    required: ['detail-type', 'source', 'detail'],
    properties: {
      'detail-type': { type: 'string', enum: [type] },
      source: { type: 'string', enum: [BUS_SOURCE] },
      id: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      detail: busDetailSchema(type, version, data),
    },
  };
}

/**
 * A schema registry of the ledger's bus: one schema per event type and version, from the same
 * catalogue that validates every event written, so consumers on AWS can generate code bindings.
 */
export class EventSchemas extends Construct {
  readonly registry: CfnRegistry;
  readonly schemas: CfnSchema[] = [];

  constructor(scope: Construct, id: string, props: { readonly stage: string }) {
    super(scope, id);
    this.registry = new CfnRegistry(this, 'Registry', {
      registryName: `community-culture-ledger-${props.stage}`,
      description: 'Every event type and version the ledger publishes on its bus',
    });
    for (const definition of eventRegistry.values())
      for (const { version, schema } of versionsOf(definition)) {
        const cfn = new CfnSchema(this, `${definition.type}V${version}`, {
          registryName: this.registry.attrRegistryName,
          schemaName: `${BUS_SOURCE}@${definition.type}.v${version}`,
          type: 'JSONSchemaDraft4',
          content: JSON.stringify(busEventSchema(definition.type, version, schema)),
          description: `${definition.type}, schema version ${version}`,
        });
        this.schemas.push(cfn);
      }
  }
}
