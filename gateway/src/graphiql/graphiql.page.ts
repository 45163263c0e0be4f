import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

/**
 * GraphiQL for development, served entirely from local packages (no CDN): the page, React and
 * GraphiQL's own bundle. Off in production.
 */
export function graphiqlRouter(endpoint: string): Router {
  const router = express.Router();
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  router.use('/graphiql/assets/react', express.static(join(packageDir('react'), 'umd')));
  router.use('/graphiql/assets/react-dom', express.static(join(packageDir('react-dom'), 'umd')));
  router.use('/graphiql/assets/graphiql', express.static(packageDir('graphiql')));
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Rampart GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql/graphiql.min.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql/graphiql.min.js"></script>
  <script>
    const token = new URLSearchParams(location.hash.slice(1)).get('token') || localStorage.getItem('rampart-token') || '';
    if (token) localStorage.setItem('rampart-token', token);
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2),
        defaultQuery: '{\\n  billingAccount { edition model quota { remaining } }\\n  assets(first: 5) { totalCount edges { node { id name product } } }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`);
  });
  return router;
}
