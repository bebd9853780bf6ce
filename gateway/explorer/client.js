// The explorer page's script (served by gateway/explorer/index.ts): GraphiQL with a fetcher that
// sends queries and mutations over HTTP and subscriptions over graphql-ws, both with the
// headers of GraphiQL's header editor. Plain browser JavaScript: React, ReactDOM, GraphiQL and
// graphqlWs are the UMD globals the page loaded before this file, from the gateway itself.
/* global React, ReactDOM, GraphiQL, graphqlWs */
(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);
  var httpUrl = new URL(settings.path, location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');

  function lowerCaseKeys(headers) {
    var result = {};
    Object.keys(headers || {}).forEach(function (name) {
      if (typeof headers[name] === 'string') result[name.toLowerCase()] = headers[name];
    });
    return result;
  }

  function operationOf(params, options) {
    var document = options && options.documentAST;
    if (!document) return /^\s*subscription\b/.test(params.query) ? 'subscription' : 'query';
    var operations = document.definitions.filter(function (definition) {
      return definition.kind === 'OperationDefinition';
    });
    var chosen = operations.find(function (definition) {
      return params.operationName ? definition.name && definition.name.value === params.operationName : true;
    });
    return chosen ? chosen.operation : 'query';
  }

  // A subscription gets its own graphql-ws connection carrying the header editor's credentials
  // (the gateway reads them from connection_init), closed when GraphiQL stops listening.
  function subscribe(params, headers) {
    var client = graphqlWs.createClient({ url: wsUrl, connectionParams: headers, lazy: true, retryAttempts: 0 });
    var iterator = client.iterate({ query: params.query, variables: params.variables, operationName: params.operationName });
    var close = function () {
      return Promise.resolve(iterator.return ? iterator.return() : undefined).finally(function () {
        client.dispose();
      });
    };
    return {
      next: function () {
        return iterator.next().then(
          function (step) {
            if (step.done) client.dispose();
            return step;
          },
          function (error) {
            client.dispose();
            var message = error && error.reason ? error.reason : error && error.message ? error.message : 'The subscription closed';
            return { done: false, value: { errors: [{ message: message }] } };
          },
        );
      },
      return: function () {
        return close().then(function () {
          return { done: true, value: undefined };
        });
      },
      [Symbol.asyncIterator]: function () {
        return this;
      },
    };
  }

  function fetcher(params, options) {
    var headers = lowerCaseKeys(options && options.headers);
    if (operationOf(params, options) === 'subscription') return subscribe(params, headers);
    return fetch(httpUrl, {
      method: 'POST',
      headers: Object.assign({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, headers),
      body: JSON.stringify(params),
    }).then(function (response) {
      return response.json();
    });
  }

  // A link can open the explorer on an operation, in a tab of its own: ?query=...&variables=...
  var search = new URLSearchParams(location.search);
  var props = {
    fetcher: fetcher,
    defaultTabs: settings.tabs,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  };
  if (search.get('query')) {
    props.query = search.get('query');
    if (search.get('variables')) props.variables = search.get('variables');
  }

  ReactDOM.createRoot(document.getElementById('explorer')).render(React.createElement(GraphiQL, props));
})();
