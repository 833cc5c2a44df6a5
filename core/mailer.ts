/** Outgoing mail (email-address proofs), as a port: mail/ holds the SMTP and log adapters, server.ts chooses one. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the message is handed to the transport; rejects when it could not be. */
  send(message: MailMessage): Promise<void>;
}
