export interface Email {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Sends email: SES on AWS, `.eml` files in an outbox folder locally. */
export interface Mailer {
  send(email: Email): Promise<{ messageId: string }>;
}
