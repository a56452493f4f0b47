/** On-demand list prices (USD, ap-southeast-1, November 2026), per unit. */
export const PRICE = {
  httpApiRequest: 1.0 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334, // arm64
  writeUnit: 0.715 / 1e6,
  readUnit: 0.143 / 1e6,
  busEvent: 1.0 / 1e6,
  email: 0.1 / 1000,
  kmsKeyMonth: 1.0,
  alarmMonth: 0.1,
};
