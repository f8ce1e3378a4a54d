import { apiDocsAsset } from "~/server/api-docs";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ asset: string }> }) {
  const asset = await apiDocsAsset((await params).asset);
  if (!asset) return Response.json({ code: "NOT_FOUND", message: "Not found" }, { status: 404 });
  return new Response(asset.body, {
    headers: { "content-type": asset.contentType, "cache-control": "public, max-age=3600" },
  });
}
