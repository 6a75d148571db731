import type { Shape } from './bundle';
import type { da } from './da';

/** English. Typed by the Danish resource: a key missing here fails the build. */
export const en: Shape<typeof da> = {
  app: { name: 'KITOS', tagline: "The municipalities' IT overview", skipToContent: 'Skip to content', loading: 'Loading …' },
  nav: {
    main: 'Main menu',
    home: 'Home',
    catalog: 'IT system catalogue',
    usages: 'IT systems in use',
    contracts: 'IT contracts',
    dpr: 'Data processing',
    language: 'Language',
    organization: 'Organisation',
    signOut: 'Sign out',
  },
  auth: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    sso: "Sign in with your organisation's single sign-on",
    ssoIdp: 'Identity provider',
    failed: 'Sign-in failed: {{detail}}',
    expired: 'Your session has expired. Sign in again; what you typed is kept.',
    signedOut: 'You are signed out.',
    chooseOrganization: 'Choose organisation',
    noOrganization: 'Your user belongs to no organisation. Contact your local administrator.',
  },
  home: { title: 'Welcome to KITOS', intro: 'You are working in {{organization}}.' },
  errors: {
    title: 'Something went wrong',
    notFound: 'This page does not exist.',
    conflict: 'Someone else changed this object after you loaded it. Load the latest version and make your change again.',
    forbidden: 'You are not allowed to do this.',
    network: 'Could not reach KITOS. Try again.',
    fieldsHeading: 'Correct these fields:',
    correlation: 'Error reference: {{id}}',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    search: 'Search',
    yes: 'Yes',
    no: 'No',
    dontKnow: "Don't know",
    back: 'Back',
    retry: 'Try again',
    reload: 'Load latest',
  },
};
