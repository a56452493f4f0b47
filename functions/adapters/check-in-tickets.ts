import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { CheckInTicket, CheckInTickets, TicketReading } from '../app/check-in-tickets.js';

/**
 * A JWT of its own type, signed with a key of its own: a bearer token (another key, another type, an
 * audience a ticket lacks) is never taken for a ticket, nor a ticket for a bearer token. Kept short:
 * it rides in a QR code.
 */
const TICKET_TYPE = 'check-in+jwt';

/** Where the HMAC key comes from: read once per container (a failed read is tried again). */
export type TicketKey = () => Promise<Uint8Array>;

/**
 * Locally: a key derived from the data folder's dev signing key (HMAC-SHA-256 with a label), so the
 * tickets of one `DATA_DIR` are good on that server only and no bearer token's key signs them.
 */
export function derivedTicketKey(devSecret: string): TicketKey {
  const key = new Uint8Array(
    createHmac('sha256', devSecret).update('community-culture-ledger/check-in-ticket').digest(),
  );
  return async () => key;
}

/** On AWS: the stage's ticket secret (Secrets Manager, made by the data stack), fetched on first use. */
export function secretTicketKey(client: SecretsManagerClient, secretId: string): TicketKey {
  let cached: Promise<Uint8Array> | undefined;
  const fetchOnce = async () => {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!secret.SecretString || secret.SecretString.length < 32)
      throw new Error(`the check-in ticket secret ${secretId} holds no key`);
    return new TextEncoder().encode(secret.SecretString);
  };
  return () => {
    if (!cached) {
      const attempt = fetchOnce();
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return cached;
  };
}

/** The claims, kept short (the ticket rides in a QR code): community, window in epoch milliseconds, zone. */
interface TicketClaims extends JWTPayload {
  readonly c?: unknown;
  readonly ws?: unknown;
  readonly we?: unknown;
  readonly z?: unknown;
}

function ticketOf(payload: TicketClaims): CheckInTicket | undefined {
  const { sub, c, ws, we, exp, z } = payload;
  if (typeof sub !== 'string' || typeof c !== 'string' || typeof z !== 'string') return undefined;
  if (typeof ws !== 'number' || typeof we !== 'number' || typeof exp !== 'number') return undefined;
  if (![ws, we, exp * 1000].every((n) => Number.isSafeInteger(n) && Math.abs(n) < 8.64e15)) return undefined;
  return {
    community: c,
    activityId: sub,
    window: { start: new Date(ws).toISOString(), end: new Date(we).toISOString() },
    expires: new Date(exp * 1000).toISOString(),
    timeZone: z,
  };
}

/** Check-in tickets as HS256 JWTs (jose), signed and read with one key. */
export class JoseCheckInTickets implements CheckInTickets {
  constructor(private readonly key: TicketKey) {}

  async issue(ticket: CheckInTicket): Promise<string> {
    return new SignJWT({
      c: ticket.community,
      ws: Date.parse(ticket.window.start),
      we: Date.parse(ticket.window.end),
      z: ticket.timeZone,
    })
      .setProtectedHeader({ alg: 'HS256', typ: TICKET_TYPE })
      .setSubject(ticket.activityId)
      .setExpirationTime(Math.ceil(Date.parse(ticket.expires) / 1000))
      .sign(await this.key());
  }

  async read(token: string, now: Date): Promise<TicketReading> {
    if (token.length > 2048) return { status: 'invalid' };
    try {
      const { payload } = await jwtVerify<TicketClaims>(token, await this.key(), {
        algorithms: ['HS256'],
        typ: TICKET_TYPE,
        currentDate: now,
        requiredClaims: ['exp', 'sub'],
      });
      const ticket = ticketOf(payload);
      return ticket ? { status: 'valid', ticket } : { status: 'invalid' };
    } catch (error) {
      // jose checks the signature before the claims: an expired ticket is a genuine one.
      if (error instanceof errors.JWTExpired) {
        const ticket = ticketOf(error.payload as TicketClaims);
        if (ticket) return { status: 'expired', ticket };
      }
      return { status: 'invalid' };
    }
  }
}
