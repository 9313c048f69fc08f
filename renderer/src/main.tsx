// Entry point: drop a one-time login token from the address bar, pick the client (IPC in the
// desktop shell, HTTP when served by the supervisor), start the live store and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { selectClient } from './client/select-client.ts';
import { stripLoginToken } from './client/strip-login-token.ts';
import { RuntimeContext } from './state/runtime-context.ts';
import { RuntimeStore } from './state/runtime-store.ts';
import './styles/index.css';

stripLoginToken(window);
const store = new RuntimeStore(selectClient(window));
store.start();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <RuntimeContext value={store}>
      <App desktop={window.berth !== undefined} />
    </RuntimeContext>
  </StrictMode>,
);
