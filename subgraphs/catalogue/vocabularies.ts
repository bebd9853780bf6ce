/**
 * The controlled vocabularies the catalogue uses, each mapped to the EU authority table that
 * DCAT-AP harvesters expect (publications.europa.eu/resource/authority/...). Kept in code,
 * not in the database: they change with the standard, not with the data.
 */

const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority';

// ---------------------------------------------------------------------------------------------
// Data themes (DCAT-AP `dcat:theme`, EU vocabulary "data-theme")

export const DATA_THEME_CODES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN', 'OP_DATPRO'] as const;
export type DataThemeCode = (typeof DATA_THEME_CODES)[number];

export interface DataTheme {
  code: DataThemeCode;
  nameVi: string;
  nameEn: string;
  uri: string;
}

const THEME_NAMES: Record<DataThemeCode, [vi: string, en: string]> = {
  AGRI: ['Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm', 'Agriculture, fisheries, forestry and food'],
  ECON: ['Kinh tế và tài chính', 'Economy and finance'],
  EDUC: ['Giáo dục, văn hóa và thể thao', 'Education, culture and sport'],
  ENER: ['Năng lượng', 'Energy'],
  ENVI: ['Môi trường', 'Environment'],
  GOVE: ['Chính phủ và khu vực công', 'Government and public sector'],
  HEAL: ['Y tế', 'Health'],
  INTR: ['Các vấn đề quốc tế', 'International issues'],
  JUST: ['Tư pháp, hệ thống pháp luật và an toàn công cộng', 'Justice, legal system and public safety'],
  REGI: ['Vùng và đô thị', 'Regions and cities'],
  SOCI: ['Dân số và xã hội', 'Population and society'],
  TECH: ['Khoa học và công nghệ', 'Science and technology'],
  TRAN: ['Giao thông vận tải', 'Transport'],
  OP_DATPRO: ['Dữ liệu tạm thời', 'Provisional data'],
};

export const DATA_THEMES: DataTheme[] = DATA_THEME_CODES.map((code) => ({
  code,
  nameVi: THEME_NAMES[code][0],
  nameEn: THEME_NAMES[code][1],
  uri: `${EU_AUTHORITY}/data-theme/${code}`,
}));

export const themeByCode = (code: string): DataTheme | undefined => DATA_THEMES.find((theme) => theme.code === code);

// ---------------------------------------------------------------------------------------------
// Access levels (DCAT-AP `dct:accessRights`, EU vocabulary "access-right")

export const ACCESS_LEVELS = ['PUBLIC', 'RESTRICTED', 'INTERNAL'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACCESS_RIGHT_URIS: Record<AccessLevel, string> = {
  PUBLIC: `${EU_AUTHORITY}/access-right/PUBLIC`,
  RESTRICTED: `${EU_AUTHORITY}/access-right/RESTRICTED`,
  INTERNAL: `${EU_AUTHORITY}/access-right/NON_PUBLIC`,
};

// ---------------------------------------------------------------------------------------------
// Update frequency (DCAT-AP `dct:accrualPeriodicity`, EU vocabulary "frequency")

export const UPDATE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'IRREGULAR', 'NEVER'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

export const FREQUENCY_URIS: Record<UpdateFrequency, string> = {
  DAILY: `${EU_AUTHORITY}/frequency/DAILY`,
  WEEKLY: `${EU_AUTHORITY}/frequency/WEEKLY`,
  MONTHLY: `${EU_AUTHORITY}/frequency/MONTHLY`,
  QUARTERLY: `${EU_AUTHORITY}/frequency/QUARTERLY`,
  SEMIANNUAL: `${EU_AUTHORITY}/frequency/ANNUAL_2`,
  ANNUAL: `${EU_AUTHORITY}/frequency/ANNUAL`,
  IRREGULAR: `${EU_AUTHORITY}/frequency/IRREG`,
  NEVER: `${EU_AUTHORITY}/frequency/NEVER`,
};

// ---------------------------------------------------------------------------------------------
// File formats (DCAT-AP `dct:format`, EU vocabulary "file-type"), with the properties the
// quality score needs: is the format open (non-proprietary) and machine-readable.

export const FILE_FORMATS = [
  'CSV',
  'JSON',
  'JSON_LD',
  'XML',
  'RDF_TURTLE',
  'GEOJSON',
  'PARQUET',
  'XLSX',
  'XLS',
  'ODS',
  'PDF',
  'DOCX',
  'HTML',
  'SHP',
  'ZIP',
] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface FileFormatInfo {
  /** Code in the EU file-type table. */
  euCode: string;
  mediaType: string;
  nonProprietary: boolean;
  machineReadable: boolean;
}

export const FILE_FORMAT_INFO: Record<FileFormat, FileFormatInfo> = {
  CSV: { euCode: 'CSV', mediaType: 'text/csv', nonProprietary: true, machineReadable: true },
  JSON: { euCode: 'JSON', mediaType: 'application/json', nonProprietary: true, machineReadable: true },
  JSON_LD: { euCode: 'JSON_LD', mediaType: 'application/ld+json', nonProprietary: true, machineReadable: true },
  XML: { euCode: 'XML', mediaType: 'application/xml', nonProprietary: true, machineReadable: true },
  RDF_TURTLE: { euCode: 'RDF_TURTLE', mediaType: 'text/turtle', nonProprietary: true, machineReadable: true },
  GEOJSON: { euCode: 'GEOJSON', mediaType: 'application/geo+json', nonProprietary: true, machineReadable: true },
  PARQUET: { euCode: 'PARQUET', mediaType: 'application/vnd.apache.parquet', nonProprietary: true, machineReadable: true },
  XLSX: { euCode: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', nonProprietary: false, machineReadable: true },
  XLS: { euCode: 'XLS', mediaType: 'application/vnd.ms-excel', nonProprietary: false, machineReadable: true },
  ODS: { euCode: 'ODS', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', nonProprietary: true, machineReadable: true },
  PDF: { euCode: 'PDF', mediaType: 'application/pdf', nonProprietary: true, machineReadable: false },
  DOCX: { euCode: 'DOCX', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', nonProprietary: false, machineReadable: false },
  HTML: { euCode: 'HTML', mediaType: 'text/html', nonProprietary: true, machineReadable: false },
  SHP: { euCode: 'SHP', mediaType: 'application/x-shapefile', nonProprietary: false, machineReadable: true },
  ZIP: { euCode: 'ZIP', mediaType: 'application/zip', nonProprietary: true, machineReadable: false },
};

export const fileTypeUri = (format: FileFormat): string => `${EU_AUTHORITY}/file-type/${FILE_FORMAT_INFO[format].euCode}`;
export const mediaTypeUri = (mediaType: string): string => `https://www.iana.org/assignments/media-types/${mediaType}`;

// ---------------------------------------------------------------------------------------------
// Licences (DCAT-AP `dct:license`), identified by their SPDX id.

export interface Licence {
  /** SPDX licence identifier, e.g. `CC-BY-4.0`. */
  id: string;
  title: string;
  url: string;
  /** The EU licence authority entry harvesters map to. */
  uri: string;
  /** Whether the licence meets the Open Definition (dữ liệu mở). */
  open: boolean;
}

export const LICENCES: Licence[] = [
  {
    id: 'CC-BY-4.0',
    title: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    uri: `${EU_AUTHORITY}/licence/CC_BY_4_0`,
    open: true,
  },
  {
    id: 'CC-BY-SA-4.0',
    title: 'Creative Commons Attribution-ShareAlike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    uri: `${EU_AUTHORITY}/licence/CC_BYSA_4_0`,
    open: true,
  },
  {
    id: 'CC0-1.0',
    title: 'Creative Commons Zero v1.0 Universal',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    uri: `${EU_AUTHORITY}/licence/CC0`,
    open: true,
  },
  {
    id: 'ODbL-1.0',
    title: 'Open Data Commons Open Database License v1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    uri: `${EU_AUTHORITY}/licence/ODC_BL`,
    open: true,
  },
  {
    id: 'ODC-By-1.0',
    title: 'Open Data Commons Attribution License v1.0',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
    uri: `${EU_AUTHORITY}/licence/ODC_BY`,
    open: true,
  },
];

export const licenceById = (id: string): Licence | undefined => LICENCES.find((licence) => licence.id === id);

// ---------------------------------------------------------------------------------------------
// Places

/** Hanoi in GeoNames, the gazetteer DCAT-AP recommends for `dct:spatial`. */
export const HANOI_LOCATION = { nameVi: 'Thành phố Hà Nội', nameEn: 'Hanoi', uri: 'https://sws.geonames.org/1581130/' };
