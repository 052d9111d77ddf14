export * from './domain-error';
export * from './states';
export * from './transitions';
export * from './guards';
