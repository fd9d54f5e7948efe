/** Instrumentation and control: controllers, sensors, actuators and alarms, all state in the arena. */
export { Pid, type PidConfig, type ControlAction, type AntiWindup } from './pid.ts';
export { OnOff, type OnOffConfig } from './onoff.ts';
export { Ratio, type RatioConfig } from './ratio.ts';
export { Sensor, type SensorConfig } from './sensor.ts';
export { Pump, type PumpConfig } from './pump.ts';
export {
  LimitAlarm, AlarmEvent, AlarmState, DEVIATION_ALARM_SIDES, nullAlarmSink,
  type AlarmConfig, type AlarmSink, type AlarmEventKind, type AlarmStateCode,
} from './alarm.ts';
export { prefixed, type PrefixedSettable, type Settable, type SettableValue } from './settable.ts';
