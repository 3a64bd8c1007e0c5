/**
 * Universal tags used by PKCS#1, PKCS#8, SEC1, SPKI and X.509, read as `TAG.SEQUENCE` through
 * der.ts. Plain constants, so a bundler writes each tag's number in place.
 */
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const NULL = 0x05;
export const OID = 0x06;
export const SEQUENCE = 0x30;
export const SET = 0x31;
