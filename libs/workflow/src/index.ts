export * from './domain-error';
export * from './states';
export * from './transitions';
export * from './guards';
export * from './review-times';
export * from './report-period';
