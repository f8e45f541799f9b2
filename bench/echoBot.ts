/*
 * The floor of the card-action benchmark: the same restify server and CloudAdapter as the bot, with
 * a minimal bot that answers every Action.Execute with a small static card. Whatever our bot costs
 * above this is ours; this much is the framework's.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse } from 'botbuilder';

class EchoBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Done', wrap: true }] },
    };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
server.post(
  '/api/messages',
  restify.plugins.jsonBodyParser({ maxBodySize: 1024 * 1024, mapParams: false } as restify.plugins.JsonBodyParserOptions),
  async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  },
);
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ msg: 'echo listening', url: `http://127.0.0.1:${address.port}` }) + '\n');
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
