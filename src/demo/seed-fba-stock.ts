// Puts the demo's stock into the simulator through Amazon's own sandbox operations
// (createInventoryItem, addInventory) over HTTP, as anyone rehearsing against the simulator would.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference
export interface StockLine {
  readonly sellerSku: string;
  readonly productName: string;
  readonly quantity: number;
}

export async function seedFbaStock(baseUrl: string, marketplaceId: string, lines: readonly StockLine[]): Promise<void> {
  const tokenAnswer = await fetch(`${baseUrl}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'Atzr|demo', client_id: 'demo', client_secret: 'demo' }),
  });
  const token = ((await tokenAnswer.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`the simulator issued no access token (HTTP ${tokenAnswer.status})`);
  const call = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const r = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': token, ...extra }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  };
  for (const line of lines) {
    await call('/fba/inventory/v1/items', { sellerSku: line.sellerSku, marketplaceId, productName: line.productName });
  }
  const stocked = lines.filter((l) => l.quantity > 0).map((l) => ({ sellerSku: l.sellerSku, marketplaceId, quantity: l.quantity }));
  if (stocked.length > 0) await call('/fba/inventory/v1/items/inventory', { inventoryItems: stocked }, { 'x-amzn-idempotency-token': `demo-${Date.now()}` });
}
