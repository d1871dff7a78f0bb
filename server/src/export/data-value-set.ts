/** The DHIS2 dataValueSet this export produces (JSON import format of `POST /api/dataValueSets`). */
export interface DataValue {
  dataElement: string;
  orgUnit: string;
  value: number;
  [attribute: string]: unknown;
}

export interface DataValueSet {
  dataSet: string;
  completeDate: string;
  period: string;
  dataValues: DataValue[];
}
