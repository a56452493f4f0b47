import { h, pageData, show } from './dom.js';
import { finishOAuth, type SignIn } from './session.js';

/** Where the managed login returns: finish signing in, then back to the check-in or kiosk page. */
const signIn = JSON.parse(pageData('signIn') ?? '{"kind":"development"}') as SignIn;
finishOAuth(signIn)
  .then((returnTo) => location.replace(returnTo.startsWith('/') ? returnTo : '/'))
  .catch((error: Error) => show(h('section', { class: 'notice' }, h('p', {}, error.message))));
