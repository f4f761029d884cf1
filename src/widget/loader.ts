import { createHash } from 'node:crypto';
import { transformSync } from 'esbuild';
import { isFromWidgetFrame } from './handshake';
import { livechatLoader } from './loader-main';

/**
 * The scripts a customer's page loads. `/widget.js` is the short-cached bootstrap named in the embed code:
 * a few hundred bytes that remember their own <script> tag (for its data-* attributes) and load the real
 * loader from an immutable, content-hashed URL (`/widget-loader/<hash>.js`, cached for a year). Deploying a
 * new loader changes the hash; browsers pick it up within the bootstrap's 5 minutes.
 */

let cached: { origin: string; source: string; hash: string } | undefined;

/** The loader for a product origin: the self-contained functions' source, minified once per process. */
export function loaderScript(webOrigin: string): { source: string; hash: string } {
  if (cached?.origin === webOrigin) return cached;
  const raw = `(function(){(${livechatLoader.toString()})(window, ${JSON.stringify(webOrigin)}, { isFromWidgetFrame: ${isFromWidgetFrame.toString()} });})();`;
  let source = raw;
  try {
    source = transformSync(raw, { minify: true, target: 'es2017', loader: 'js' }).code;
  } catch {
    // esbuild missing on this host: the unminified script works the same, only larger.
  }
  cached = { origin: webOrigin, source, hash: createHash('sha256').update(source).digest('hex').slice(0, 16) };
  return cached;
}

/** The bootstrap served at /widget.js. */
export function bootstrapScript(webOrigin: string): string {
  const { hash } = loaderScript(webOrigin);
  return `(function(){var w=window,d=document;if(w.__livechatScript)return;w.__livechatScript=d.currentScript||d.querySelector('script[data-key][src*="widget.js"]');var s=d.createElement('script');s.async=true;s.src=${JSON.stringify(`${webOrigin}/widget-loader/${hash}.js`)};(d.head||d.documentElement).appendChild(s);})();`;
}

/** The embed code shown in the console: the LiveChat() command queue stub, then the bootstrap. */
export function embedSnippet(webUrl: string, widgetKey: string): string {
  return `<script>window.LiveChat=window.LiveChat||function(){(LiveChat.q=LiveChat.q||[]).push(arguments)};</script>\n<script src="${webUrl}/widget.js" data-key="${widgetKey}" async></script>`;
}
