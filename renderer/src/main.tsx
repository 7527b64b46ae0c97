/** The renderer's entry: styles, languages, then the app (or a clear message when no API is reachable). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/api';
import { App } from './app/app';
import './app/app.i18n';
import { i18next } from './i18n/i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
document.documentElement.lang = i18next.language;
if (api) {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  root.render(<p className="error-box">{i18next.t('app:noApi')}</p>);
}
