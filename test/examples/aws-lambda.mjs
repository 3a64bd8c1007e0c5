// An AWS Lambda function (Node.js 20, ESM) behind an API Gateway HTTP API (payload format 2.0)
// that hands out CloudFront signed URLs and signed cookies. Environment variables:
// CLOUDFRONT_PRIVATE_KEY (the PEM; or read it from Secrets Manager here at init),
// CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_DOMAIN (d111111abcdef8.cloudfront.net).
import { importPrivateKey, signCookies, signUrl } from 'cloudfront-signet';

const { CLOUDFRONT_PRIVATE_KEY, CLOUDFRONT_KEY_PAIR_ID, CLOUDFRONT_DOMAIN } = process.env;
// Imported once per execution environment, during init; every invocation reuses it.
const privateKey = await importPrivateKey(CLOUDFRONT_PRIVATE_KEY);

export const handler = async (event) => {
  // Decide here who may have what (event.requestContext.authorizer, a session…) before signing.
  const options = {
    keyPairId: CLOUDFRONT_KEY_PAIR_ID,
    privateKey,
    dateLessThan: Math.floor(Date.now() / 1000) + 3600, // valid for one hour
    hashAlgorithm: 'SHA256', // CloudFront's default is SHA-1
  };
  const path = event.rawPath;

  // GET /url/videos/intro.mp4 → {"url":"https://d111111abcdef8.cloudfront.net/videos/intro.mp4?Expires=…"}
  if (path.startsWith('/url/')) {
    const resourcePath = path.slice('/url'.length);
    const { url } = await signUrl({
      ...options,
      url: `https://${CLOUDFRONT_DOMAIN}${resourcePath}`,
    });
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    };
  }

  // GET /cookies/videos/ → Set-Cookie headers that unlock everything under /videos/
  if (path.startsWith('/cookies/')) {
    const folder = path.slice('/cookies'.length).replace(/\/?$/, '/');
    const { setCookieHeaders } = await signCookies({
      ...options,
      resource: `https://${CLOUDFRONT_DOMAIN}${folder}*`,
      // Serving CloudFront on your own domain? Add domain: 'example.com' so the browser sends them.
      cookieAttributes: { path: folder },
    });
    return { statusCode: 204, cookies: [...setCookieHeaders] };
  }

  return { statusCode: 404, body: 'Not found' };
};
