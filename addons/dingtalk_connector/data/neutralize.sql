-- A restored copy must never reach the production DingTalk organisation.
UPDATE res_company
   SET dingtalk_app_secret = NULL;

-- DingTalk is out of reach there: bound users need their password back.
UPDATE res_company
   SET dingtalk_login_password_off = false,
       dingtalk_login_scan = false,
       dingtalk_login_h5 = false;

-- Upsert: a missing parameter would fall back to the real hosts.
INSERT INTO ir_config_parameter (key, value)
VALUES ('dingtalk_connector.oapi_base_url', 'https://dingtalk.invalid'),
       ('dingtalk_connector.api_base_url', 'https://dingtalk.invalid'),
       ('dingtalk_connector.login_base_url', 'https://dingtalk.invalid')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;

DELETE FROM dingtalk_token;

UPDATE ir_cron
   SET active = false
 WHERE id IN (
    SELECT res_id
      FROM ir_model_data
     WHERE module = 'dingtalk_connector'
       AND model = 'ir.cron'
       AND name IN ('ir_cron_dingtalk_send', 'ir_cron_dingtalk_user_sync')
);

UPDATE dingtalk_message
   SET state = 'cancelled'
 WHERE state = 'queued';
