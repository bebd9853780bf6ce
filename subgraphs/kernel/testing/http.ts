/** A GraphQL response as a client sees it: HTTP status and parsed body. */
export interface GraphQLHttpResult<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  headers: Headers;
}

/** POSTs a GraphQL operation the way a client would. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLHttpResult<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** Like `postGraphQL` but fails the test with the errors when the response has any. */
export async function queryOk<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<TData> {
  const result = await postGraphQL<TData>(url, query, variables, headers);
  if (result.errors?.length || result.status !== 200) {
    throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors ?? result)}`);
  }
  return result.data as TData;
}
