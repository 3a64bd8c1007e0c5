// A Cloudflare Worker that hands out CloudFront signed URLs and signed cookies.
//   npx wrangler secret put CLOUDFRONT_PRIVATE_KEY < private_key.pem
//   npx wrangler secret put CLOUDFRONT_KEY_PAIR_ID
// and in wrangler.toml: [vars] CLOUDFRONT_DOMAIN = "d111111abcdef8.cloudfront.net"
import { importPrivateKey, signCookies, signUrl } from 'cloudfront-signet';

let privateKey; // imported once per isolate, then reused by every request

export default {
  async fetch(request, env) {
    // Decide here who may have what (a session, a token, a subscription) before signing anything.
    privateKey ??= importPrivateKey(env.CLOUDFRONT_PRIVATE_KEY);
    const options = {
      keyPairId: env.CLOUDFRONT_KEY_PAIR_ID,
      privateKey: await privateKey,
      dateLessThan: Math.floor(Date.now() / 1000) + 3600, // valid for one hour
      hashAlgorithm: 'SHA256', // CloudFront's default is SHA-1
    };
    const { pathname } = new URL(request.url);

    // GET /url/videos/intro.mp4 → {"url":"https://d111111abcdef8.cloudfront.net/videos/intro.mp4?Expires=…"}
    if (pathname.startsWith('/url/')) {
      const path = pathname.slice('/url'.length);
      const { url } = await signUrl({ ...options, url: `https://${env.CLOUDFRONT_DOMAIN}${path}` });
      return Response.json({ url });
    }

    // GET /cookies/videos/ → Set-Cookie headers that unlock everything under /videos/
    if (pathname.startsWith('/cookies/')) {
      const folder = pathname.slice('/cookies'.length).replace(/\/?$/, '/');
      const { setCookieHeaders } = await signCookies({
        ...options,
        resource: `https://${env.CLOUDFRONT_DOMAIN}${folder}*`,
        // Serving CloudFront on your own domain? Add domain: 'example.com' so the browser sends them.
        cookieAttributes: { path: folder },
      });
      const headers = new Headers();
      for (const cookie of setCookieHeaders) headers.append('Set-Cookie', cookie);
      return new Response(null, { status: 204, headers });
    }

    return new Response('Not found', { status: 404 });
  },
};
