import { expect } from 'chai';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.ts';
import { createMailer } from './create-mailer.ts';

describe('createMailer', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.close());

  it('delivers through SMTP with the configured From', async () => {
    const warnings: unknown[] = [];
    const mailer = createMailer({ smtpUrl: sink.url, from: 'Proofline <no-reply@academy.test>', logger: { warn: (o) => warnings.push(o) } });
    await mailer.send({ to: 'learner@example.com', subject: 'Your code: 12345678', text: 'Enter 12345678' });
    const mail = sink.messages.at(-1)!;
    expect(mail.from).to.equal('no-reply@academy.test');
    expect(mail.to).to.deep.equal(['learner@example.com']);
    expect(mail.raw).to.include('Subject: Your code: 12345678').and.include('Enter 12345678');
    expect(warnings).to.have.length(0);
  });

  it('rejects when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = createMailer({ smtpUrl: closed.url, from: 'x@academy.test', logger: { warn: () => undefined }, timeoutSeconds: 2 });
    let error: unknown;
    await mailer.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });

  it('with "log" (development), logs the message and says nothing was sent', async () => {
    const warnings: Array<{ object: object; message: string }> = [];
    const mailer = createMailer({ smtpUrl: 'log', from: 'x@academy.test', logger: { warn: (object, message) => warnings.push({ object, message }) } });
    await mailer.send({ to: 'a@example.com', subject: 'Your code', text: 'Enter 87654321' });
    expect(warnings).to.have.length(1);
    expect(warnings[0]!.message).to.match(/NOT sent/);
    expect(JSON.stringify(warnings[0]!.object)).to.include('87654321');
  });
});
