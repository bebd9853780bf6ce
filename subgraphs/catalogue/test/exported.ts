/** The ids of the datasets in the gateway's DCAT-AP catalogue (`/dcat/catalog.jsonld`), as `headers` fetch it. */
export async function exportedDatasetIds(gatewayUrl: string, headers: Record<string, string> = {}): Promise<string[]> {
  const response = await fetch(`${new URL(gatewayUrl).origin}/dcat/catalog.jsonld`, { headers });
  const document = (await response.json()) as { '@graph': Array<{ '@type': unknown; 'dcat:dataset'?: Array<{ '@id': string }> }> };
  const catalog = document['@graph'].find((node) => node['@type'] === 'dcat:Catalog');
  return (catalog?.['dcat:dataset'] ?? []).map((dataset) => dataset['@id'].split('/').pop()!);
}
