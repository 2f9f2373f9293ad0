/** `sprid init`: scaffold a project. */
export { init, INIT_LANGS, type InitLang, type InitOptions, type InitResult } from './init.js'
export { InitError, type InitErrorReason } from './errors.js'
