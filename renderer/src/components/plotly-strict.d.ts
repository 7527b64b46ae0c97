// plotly.js-strict-dist-min is plotly's CSP-safe bundle (no eval, no new Function); its API is plotly.js's.
declare module 'plotly.js-strict-dist-min' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
