import { readFile } from "node:fs/promises";
import path from "node:path";
import swaggerUiDir from "swagger-ui-dist/absolute-path.js";

/**
 * Swagger UI served from the `swagger-ui-dist` package on disk: no CDN, so the docs work on a
 * machine without internet. Only these files are served, so the route cannot read anything else.
 */
const packagedAssets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/** Kept out of the page so a Content-Security-Policy without inline scripts can cover it. */
const initScript = `window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
});
`;

export const apiDocsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Revolv Device Manager API</title>
    <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/docs-init.js"></script>
  </body>
</html>
`;

export async function apiDocsAsset(name: string): Promise<{ body: BodyInit; contentType: string } | null> {
  if (name === "docs-init.js") return { body: initScript, contentType: "text/javascript; charset=utf-8" };
  const contentType = packagedAssets[name];
  if (!contentType) return null;
  const file = await readFile(path.join(swaggerUiDir(), name));
  return { body: new Uint8Array(file), contentType };
}
