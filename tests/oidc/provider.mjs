// A real OpenID Connect provider (npm's oidc-provider) on loopback, for jsw's single sign-on
// tests. It signs in whoever the test names: GET /interaction/<uid>?as=<account> finishes
// the login and consent for that account (a stand-in for the council's login page).
//
// node provider.mjs CONFIG.json — CONFIG holds: port, issuer, keys (a private JWKS, so two
// providers can sign with the same key), clients, accounts ({name: [group, ...]}), and
// optionally idTokenTtl (seconds).
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.keys,
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "preferred_username", "groups"],
  },
  // Entra ID puts the groups claim in the ID token; so does this provider.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  ttl: { IdToken: config.idTokenTtl ?? 3600, AccessToken: 3600, AuthorizationCode: 60 },
  async findAccount(ctx, id) {
    if (!(id in config.accounts)) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: `sub-${id}`,
          email: `${id}@council.example`,
          email_verified: true,
          name: id,
          preferred_username: `${id}@council.example`,
          groups: config.accounts[id],
        };
      },
    };
  },
});

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const account = ctx.query.as;
  if (!account || !(account in config.accounts)) {
    ctx.status = 200;
    ctx.body = `login needed (${details.prompt.name})`;
    return undefined;
  }
  const grant = new provider.Grant({ accountId: account, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  const result = { login: { accountId: account }, consent: { grantId } };
  const to = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: false,
  });
  ctx.redirect(to);
  return undefined;
});

provider.listen(config.port, "127.0.0.1", () => {
  console.log(`listening ${config.issuer}`);
});
