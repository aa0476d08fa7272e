export declare const PAGE_BODY_LIMIT: "16kb";
export declare const PAGE_BODY_LIMIT_BYTES: number;
